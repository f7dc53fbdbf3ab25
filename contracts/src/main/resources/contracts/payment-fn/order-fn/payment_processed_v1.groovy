import org.springframework.cloud.contract.spec.Contract

Contract.make {
	label 'payment.processed.v1 for order-fn'
	description '''order-fn completes the paid order and records its payment id: it reads the order id and the payment id.'''
	input {
		triggeredBy('paymentProcessed()')
	}
	outputMessage {
		sentTo('payment-events')
		headers {
			header('ce_type', 'payment.processed.v1')
			header('ce_specversion', '1.0')
			header('ce_source', '/payment-fn')
			header('ce_id', $(c('a9e5c3f2-4d6b-4e0a-9c8f-3b5d7f9a1e42'), p(regex(uuid()))))
			header('ce_subject', $(c('f8d4b2e1-3c5a-4d9f-8b7e-2a4c6e8f0d31'), p(regex(uuid()))))
			header('ce_time', $(c('2026-11-25T10:00:00Z'), p(regex(iso8601WithOffset()))))
		}
		body(
			orderId: 'f8d4b2e1-3c5a-4d9f-8b7e-2a4c6e8f0d31',
			paymentId: 'pay-7f3a1c'
		)
		bodyMatchers {
			jsonPath('$.orderId', byRegex(uuid()))
			jsonPath('$.paymentId', byRegex('[A-Za-z0-9_.:-]+'))
		}
	}
}
