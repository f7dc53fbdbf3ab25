import org.springframework.cloud.contract.spec.Contract

Contract.make {
	label 'payment.processed.v1 for email-fn'
	description '''email-fn sends the PAYMENT_COMPLETED e-mail: it reads the order id, the payment id, the amount charged and
	when.'''
	input {
		triggeredBy('paymentProcessed()')
	}
	outputMessage {
		sentTo('payment-events')
		headers {
			header('ce_type', 'payment.processed.v1')
			header('ce_specversion', '1.0')
			header('ce_source', '/payment-fn')
			header('ce_id', $(c('e3c9a7d6-8b0f-4c4e-9a2d-7f9b1d3e5c86'), p(regex(uuid()))))
			header('ce_subject', $(c('d2b8f6c5-7a9e-4b3d-8f1c-6e8a0c2d4b75'), p(regex(uuid()))))
			header('ce_time', $(c('2026-11-25T10:00:00Z'), p(regex(iso8601WithOffset()))))
		}
		body(
			orderId: 'd2b8f6c5-7a9e-4b3d-8f1c-6e8a0c2d4b75',
			paymentId: 'pay-7f3a1c',
			amount: [amount: 30000, currency: 'KRW'],
			processedAt: '2026-11-25T10:00:00Z'
		)
		bodyMatchers {
			jsonPath('$.orderId', byRegex(uuid()))
			jsonPath('$.paymentId', byRegex('[A-Za-z0-9_.:-]+'))
			jsonPath('$.processedAt', byRegex(iso8601WithOffset()))
		}
	}
}
