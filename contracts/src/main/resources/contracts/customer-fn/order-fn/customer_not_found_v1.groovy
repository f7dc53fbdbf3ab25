import org.springframework.cloud.contract.spec.Contract

Contract.make {
	label 'customer.not-found.v1 for order-fn'
	description '''order-fn cancels the order (UNKNOWN_CUSTOMER) of a customer customer-fn does not know: it reads the order id
	only.'''
	input {
		triggeredBy('orderOfUnknownCustomer()')
	}
	outputMessage {
		sentTo('customer-events')
		headers {
			header('ce_type', 'customer.not-found.v1')
			header('ce_specversion', '1.0')
			header('ce_source', '/customer-fn')
			header('ce_id', $(c('d2b4e6f8-0a1c-4e3f-8b5d-7c9e1f3a5b70'), p(regex(uuid()))))
			header('ce_subject', $(c('c3a1d7e2-5b8f-4c60-9e21-7f4d2b9a0c11'), p(regex(uuid()))))
			header('ce_time', $(c('2026-11-25T10:00:00Z'), p(regex(iso8601WithOffset()))))
		}
		body(
			orderId: 'c3a1d7e2-5b8f-4c60-9e21-7f4d2b9a0c11'
		)
		bodyMatchers {
			jsonPath('$.orderId', byRegex(uuid()))
		}
	}
}
