import org.springframework.cloud.contract.spec.Contract

Contract.make {
	label 'customer.registered.v1 for email-fn'
	description '''email-fn keeps a replica of every customer's contact data (the latest profile per customer on the compacted
	topic, keyed by customer id): it reads the customer id, name, e-mail address and locale.'''
	input {
		triggeredBy('customerRegistered()')
	}
	outputMessage {
		sentTo('customer-profiles')
		headers {
			header('ce_type', 'customer.registered.v1')
			header('ce_specversion', '1.0')
			header('ce_source', '/customer-fn')
			header('ce_id', $(c('b8f4d2a1-3e5c-4f9b-8d7a-2c4e6a8b0f31'), p(regex(uuid()))))
			header('ce_subject', $(c('a7e3c1f0-2d4b-4e8a-9c6f-1b3d5f7a9e20'), p(regex(uuid()))))
			header('ce_time', $(c('2026-11-25T10:00:00Z'), p(regex(iso8601WithOffset()))))
		}
		body(
			customerId: 'a7e3c1f0-2d4b-4e8a-9c6f-1b3d5f7a9e20',
			name: 'Customer One',
			email: 'one@example.com',
			locale: 'ko'
		)
		bodyMatchers {
			jsonPath('$.customerId', byRegex(uuid()))
		}
	}
}
