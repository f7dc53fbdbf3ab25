import org.springframework.cloud.contract.spec.Contract

Contract.make {
	label 'order.cancelled.v1 for customer-fn'
	description '''customer-fn releases the credit a cancelled order holds: it reads the order and customer ids only.'''
	input {
		triggeredBy('orderCancelledOnRequest()')
	}
	outputMessage {
		sentTo('order-events')
		headers {
			header('ce_type', 'order.cancelled.v1')
			header('ce_specversion', '1.0')
			header('ce_source', '/order-fn')
			header('ce_id', $(c('6b400d50-3398-4b2a-8e97-04b6db77d9e1'), p(regex(uuid()))))
			header('ce_subject', $(c('386cc4e9-84ba-44c6-8be9-e94d45de6f23'), p(regex(uuid()))))
			header('ce_time', $(c('2026-11-25T10:00:00Z'), p(regex(iso8601WithOffset()))))
		}
		body(
			orderId: '386cc4e9-84ba-44c6-8be9-e94d45de6f23',
			customerId: '87d3d3fa-3984-4e3f-8324-c41d9a4e9484'
		)
		bodyMatchers {
			jsonPath('$.orderId', byRegex(uuid()))
			jsonPath('$.customerId', byRegex(uuid()))
		}
	}
}
