import org.springframework.cloud.contract.spec.Contract

Contract.make {
	label 'payment.refunded.v1 for audit-fn'
	description '''audit-fn files every event under its ce_subject (the order id) with ce_id, ce_type, ce_source and ce_time, and
	keeps a few body fields on the saga's timeline; of payment.refunded.v1 it reads the payment id, the amount given
	back and when; the type alone counts the refunds of an order (exactly one per charge of a cancelled order).'''
	input {
		triggeredBy('paymentRefunded()')
	}
	outputMessage {
		sentTo('payment-events')
		headers {
			header('ce_type', 'payment.refunded.v1')
			header('ce_specversion', '1.0')
			header('ce_source', '/payment-fn')
			header('ce_id', $(c('200dae53-4f12-49e7-a249-b89fbb226890'), p(regex(uuid()))))
			header('ce_subject', $(c('5ef25312-bba6-4b33-a4b0-7997cc5d99e6'), p(regex(uuid()))))
			header('ce_time', $(c('2026-11-25T10:00:00Z'), p(regex(iso8601WithOffset()))))
		}
		body(
			paymentId: '7d894ee8-c57f-4912-8ed6-c2819e55c14b',
			amount: [amount: 30000, currency: 'KRW'],
			refundedAt: '2026-11-25T10:00:00Z'
		)
		bodyMatchers {
			jsonPath('$.paymentId', byRegex('[A-Za-z0-9_.:-]+'))
			jsonPath('$.refundedAt', byRegex(iso8601WithOffset()))
		}
	}
}
