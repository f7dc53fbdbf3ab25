import org.springframework.cloud.contract.spec.Contract

Contract.make {
	label 'order.cancelled.v1 for payment-fn'
	description '''payment-fn refunds a charged order once it is cancelled, and never charges it afterwards: it reads the order
	id and the reason.'''
	input {
		triggeredBy('orderCancelledOnRequest()')
	}
	outputMessage {
		sentTo('order-events')
		headers {
			header('ce_type', 'order.cancelled.v1')
			header('ce_specversion', '1.0')
			header('ce_source', '/order-fn')
			header('ce_id', $(c('09aff40e-5003-4852-9b48-535ec28262b9'), p(regex(uuid()))))
			header('ce_subject', $(c('5cd88253-8d1b-4e1c-be41-8d8e47cb848b'), p(regex(uuid()))))
			header('ce_time', $(c('2026-11-25T10:00:00Z'), p(regex(iso8601WithOffset()))))
		}
		body(
			orderId: '5cd88253-8d1b-4e1c-be41-8d8e47cb848b',
			reason: 'CUSTOMER_REQUEST'
		)
		bodyMatchers {
			jsonPath('$.orderId', byRegex(uuid()))
			jsonPath('$.reason', byRegex('CREDIT_LIMIT_EXCEEDED|UNKNOWN_CUSTOMER|PAYMENT_DECLINED|PAYMENT_EXPIRED|PAYMENT_ERROR|TIMEOUT|CUSTOMER_REQUEST'))
		}
	}
}
