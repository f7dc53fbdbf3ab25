import org.springframework.cloud.contract.spec.Contract

Contract.make {
	label 'payment.failed.v1 for order-fn'
	description '''order-fn cancels the order whose payment failed, with PAYMENT_DECLINED, PAYMENT_EXPIRED or PAYMENT_ERROR: it
	reads the order id and the reason.'''
	input {
		triggeredBy('paymentDeclined()')
	}
	outputMessage {
		sentTo('payment-events')
		headers {
			header('ce_type', 'payment.failed.v1')
			header('ce_specversion', '1.0')
			header('ce_source', '/payment-fn')
			header('ce_id', $(c('c1a7e5b4-6f8d-4a2c-9e0b-5d7f9b1c3a64'), p(regex(uuid()))))
			header('ce_subject', $(c('b0f6d4a3-5e7c-4f1b-8d9a-4c6e8a0b2f53'), p(regex(uuid()))))
			header('ce_time', $(c('2026-11-25T10:00:00Z'), p(regex(iso8601WithOffset()))))
		}
		body(
			orderId: 'b0f6d4a3-5e7c-4f1b-8d9a-4c6e8a0b2f53',
			reason: 'DECLINED'
		)
		bodyMatchers {
			jsonPath('$.orderId', byRegex(uuid()))
			jsonPath('$.reason', byRegex('DECLINED|EXPIRED|ERROR'))
		}
	}
}
