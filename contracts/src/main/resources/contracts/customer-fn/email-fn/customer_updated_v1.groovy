import org.springframework.cloud.contract.spec.Contract

Contract.make {
	label 'customer.updated.v1 for email-fn'
	description '''email-fn replaces its replica of the customer's contact data with the whole new profile: it reads the customer
	id, name, e-mail address and locale.'''
	input {
		triggeredBy('customerChangedEmail()')
	}
	outputMessage {
		sentTo('customer-profiles')
		headers {
			header('ce_type', 'customer.updated.v1')
			header('ce_specversion', '1.0')
			header('ce_source', '/customer-fn')
			header('ce_id', $(c('d0b6f4c3-5a7e-4b1d-8f9c-4e6a8c0d2b53'), p(regex(uuid()))))
			header('ce_subject', $(c('c9a5e3b2-4f6d-4a0c-9e8b-3d5f7b9c1a42'), p(regex(uuid()))))
			header('ce_time', $(c('2026-11-25T10:00:00Z'), p(regex(iso8601WithOffset()))))
		}
		body(
			customerId: 'c9a5e3b2-4f6d-4a0c-9e8b-3d5f7b9c1a42',
			name: 'Customer One',
			email: 'new@example.com',
			locale: 'ko'
		)
		bodyMatchers {
			jsonPath('$.customerId', byRegex(uuid()))
		}
	}
}
