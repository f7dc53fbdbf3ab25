import org.springframework.cloud.contract.spec.Contract

Contract.make {
	label 'order.completed.v1 for customer-fn'
	description '''customer-fn settles the credit of a paid order: it reads the order and customer ids only.'''
	input {
		triggeredBy('orderCompletedByPayment()')
	}
	outputMessage {
		sentTo('order-events')
		headers {
			header('ce_type', 'order.completed.v1')
			header('ce_specversion', '1.0')
			header('ce_source', '/order-fn')
			header('ce_id', $(c('f20dfeb8-1f9c-4b82-b5d5-c07698f85dcf'), p(regex(uuid()))))
			header('ce_subject', $(c('f327fd85-121e-4b3a-8ba5-cadcdc76894a'), p(regex(uuid()))))
			header('ce_time', $(c('2026-11-25T10:00:00Z'), p(regex(iso8601WithOffset()))))
		}
		body(
			orderId: 'f327fd85-121e-4b3a-8ba5-cadcdc76894a',
			customerId: '75ea3ead-1ce4-4c3d-9705-d1cef70d204d'
		)
		bodyMatchers {
			jsonPath('$.orderId', byRegex(uuid()))
			jsonPath('$.customerId', byRegex(uuid()))
		}
	}
}
