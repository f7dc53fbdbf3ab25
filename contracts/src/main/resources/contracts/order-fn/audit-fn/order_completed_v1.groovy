import org.springframework.cloud.contract.spec.Contract

Contract.make {
	label 'order.completed.v1 for audit-fn'
	description '''audit-fn files every event under its ce_subject (the order id) with ce_id, ce_type, ce_source and ce_time, and
	keeps a few body fields on the saga's timeline; of order.completed.v1 it reads the customer id, the total, the
	payment id and when the order was completed; the type alone makes the saga COMPLETED.'''
	input {
		triggeredBy('orderCompletedByPayment()')
	}
	outputMessage {
		sentTo('order-events')
		headers {
			header('ce_type', 'order.completed.v1')
			header('ce_specversion', '1.0')
			header('ce_source', '/order-fn')
			header('ce_id', $(c('f4ae334a-9e10-4df6-a078-6a1bbc80b84f'), p(regex(uuid()))))
			header('ce_subject', $(c('200dae53-3f12-49e7-a249-b89fbb22688f'), p(regex(uuid()))))
			header('ce_time', $(c('2026-11-25T10:00:00Z'), p(regex(iso8601WithOffset()))))
		}
		body(
			customerId: '5ef25312-aba6-4b33-a4b0-7997cc5d99e5',
			total: [amount: 30000, currency: 'KRW'],
			paymentId: 'pay-7d894ee8',
			completedAt: '2026-11-25T10:00:00Z'
		)
		bodyMatchers {
			jsonPath('$.customerId', byRegex(uuid()))
			jsonPath('$.paymentId', byRegex('[A-Za-z0-9_.:-]+'))
			jsonPath('$.completedAt', byRegex(iso8601WithOffset()))
		}
	}
}
