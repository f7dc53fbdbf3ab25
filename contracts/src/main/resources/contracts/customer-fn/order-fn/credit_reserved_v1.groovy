import org.springframework.cloud.contract.spec.Contract

Contract.make {
	label 'credit.reserved.v1 for order-fn'
	description '''order-fn approves the order whose credit was reserved: it reads the order id only.'''
	input {
		triggeredBy('creditReservedForOrder()')
	}
	outputMessage {
		sentTo('customer-events')
		headers {
			header('ce_type', 'credit.reserved.v1')
			header('ce_specversion', '1.0')
			header('ce_source', '/customer-fn')
			header('ce_id', $(c('5f37dd6b-4d51-48b2-924a-bbab865190ae'), p(regex(uuid()))))
			header('ce_subject', $(c('48913ee9-4e07-47ca-9ff3-e92c8e05a55b'), p(regex(uuid()))))
			header('ce_time', $(c('2026-11-25T10:00:00Z'), p(regex(iso8601WithOffset()))))
		}
		body(
			orderId: '48913ee9-4e07-47ca-9ff3-e92c8e05a55b'
		)
		bodyMatchers {
			jsonPath('$.orderId', byRegex(uuid()))
		}
	}
}
