import org.springframework.cloud.contract.spec.Contract

Contract.make {
	label 'payment.refunded.v1 for email-fn'
	description '''email-fn sends the PAYMENT_REFUNDED e-mail: it reads the order id, the payment id, the amount given back and
	when.'''
	input {
		triggeredBy('paymentRefunded()')
	}
	outputMessage {
		sentTo('payment-events')
		headers {
			header('ce_type', 'payment.refunded.v1')
			header('ce_specversion', '1.0')
			header('ce_source', '/payment-fn')
			header('ce_id', $(c('a5e1c9f8-0d2b-4e6a-9c4f-9b1d3f5a7e08'), p(regex(uuid()))))
			header('ce_subject', $(c('f4d0b8e7-9c1a-4d5f-8b3e-8a0c2e4f6d97'), p(regex(uuid()))))
			header('ce_time', $(c('2026-11-25T10:00:00Z'), p(regex(iso8601WithOffset()))))
		}
		body(
			orderId: 'f4d0b8e7-9c1a-4d5f-8b3e-8a0c2e4f6d97',
			paymentId: 'pay-7f3a1c',
			amount: [amount: 30000, currency: 'KRW'],
			refundedAt: '2026-11-25T10:00:00Z'
		)
		bodyMatchers {
			jsonPath('$.orderId', byRegex(uuid()))
			jsonPath('$.paymentId', byRegex('[A-Za-z0-9_.:-]+'))
			jsonPath('$.refundedAt', byRegex(iso8601WithOffset()))
		}
	}
}
