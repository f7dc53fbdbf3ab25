import org.springframework.cloud.contract.spec.Contract

Contract.make {
	label 'credit.limit-exceeded.v1 for order-fn'
	description '''order-fn cancels the order (CREDIT_LIMIT_EXCEEDED) whose credit was refused: it reads the order id only.'''
	input {
		triggeredBy('creditRefusedForOrder()')
	}
	outputMessage {
		sentTo('customer-events')
		headers {
			header('ce_type', 'credit.limit-exceeded.v1')
			header('ce_specversion', '1.0')
			header('ce_source', '/customer-fn')
			header('ce_id', $(c('ad6db56a-d2b5-4f32-8078-b75e56b164f9'), p(regex(uuid()))))
			header('ce_subject', $(c('69616951-0509-4dc5-a069-a74f163e63f2'), p(regex(uuid()))))
			header('ce_time', $(c('2026-11-25T10:00:00Z'), p(regex(iso8601WithOffset()))))
		}
		body(
			orderId: '69616951-0509-4dc5-a069-a74f163e63f2'
		)
		bodyMatchers {
			jsonPath('$.orderId', byRegex(uuid()))
		}
	}
}
