import org.springframework.cloud.contract.spec.Contract

Contract.make {
	label 'order.approved.v1 for payment-fn'
	description '''payment-fn charges an approved order: it reads the order and customer ids, the total, the opaque payment token
	(never a card number) and the saga deadline after which it must not charge.'''
	input {
		triggeredBy('orderApprovedOnReservedCredit()')
	}
	outputMessage {
		sentTo('order-events')
		headers {
			header('ce_type', 'order.approved.v1')
			header('ce_specversion', '1.0')
			header('ce_source', '/order-fn')
			header('ce_id', $(c('456358f2-a9b9-4a75-b742-31fcaeacd883'), p(regex(uuid()))))
			header('ce_subject', $(c('4542dab8-bf96-44ea-a495-c09aad7903da'), p(regex(uuid()))))
			header('ce_time', $(c('2026-11-25T10:00:00Z'), p(regex(iso8601WithOffset()))))
		}
		body(
			orderId: '4542dab8-bf96-44ea-a495-c09aad7903da',
			customerId: 'b1c309bc-f895-4a44-9a66-69f290df04e8',
			total: [amount: 30000, currency: 'KRW'],
			paymentMethod: 'tok_visa',
			payBy: '2100-01-01T00:00:00Z'
		)
		bodyMatchers {
			jsonPath('$.orderId', byRegex(uuid()))
			jsonPath('$.customerId', byRegex(uuid()))
			jsonPath('$.paymentMethod', byRegex('tok_[A-Za-z0-9_]+'))
			jsonPath('$.payBy', byRegex(iso8601WithOffset()))
		}
	}
}
