import org.springframework.cloud.contract.spec.Contract

Contract.make {
	label 'order.cancelled.v1 for email-fn'
	description '''email-fn sends the ORDER_CANCELLED e-mail: it reads the order and customer ids, the total, the reason (as
	text, so that a reason added later still reads) and when the order was cancelled.'''
	input {
		triggeredBy('orderCancelledOnRequest()')
	}
	outputMessage {
		sentTo('order-events')
		headers {
			header('ce_type', 'order.cancelled.v1')
			header('ce_specversion', '1.0')
			header('ce_source', '/order-fn')
			header('ce_id', $(c('acd913c3-f854-4481-a878-80a8189eb05a'), p(regex(uuid()))))
			header('ce_subject', $(c('52a61bea-3e34-4722-8a90-8ad4b40e2640'), p(regex(uuid()))))
			header('ce_time', $(c('2026-11-25T10:00:00Z'), p(regex(iso8601WithOffset()))))
		}
		body(
			orderId: '52a61bea-3e34-4722-8a90-8ad4b40e2640',
			customerId: '9870b1df-8ad9-4b52-a94f-fc36de23bef2',
			total: [amount: 30000, currency: 'KRW'],
			reason: 'CUSTOMER_REQUEST',
			cancelledAt: '2026-11-25T10:00:00Z'
		)
		bodyMatchers {
			jsonPath('$.orderId', byRegex(uuid()))
			jsonPath('$.customerId', byRegex(uuid()))
			jsonPath('$.reason', byRegex('CREDIT_LIMIT_EXCEEDED|UNKNOWN_CUSTOMER|PAYMENT_DECLINED|PAYMENT_EXPIRED|PAYMENT_ERROR|TIMEOUT|CUSTOMER_REQUEST'))
			jsonPath('$.cancelledAt', byRegex(iso8601WithOffset()))
		}
	}
}
