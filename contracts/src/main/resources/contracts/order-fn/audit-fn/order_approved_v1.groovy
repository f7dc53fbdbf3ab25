import org.springframework.cloud.contract.spec.Contract

Contract.make {
	label 'order.approved.v1 for audit-fn'
	description '''audit-fn files every event under its ce_subject (the order id) with ce_id, ce_type, ce_source and ce_time, and
	keeps a few body fields on the saga's timeline; of order.approved.v1 it reads the customer id, the total, when the
	order was approved and payBy, the saga deadline every later step is judged by (no charge after it, terminal by it).
	Never the payment token.'''
	input {
		triggeredBy('orderApprovedOnReservedCredit()')
	}
	outputMessage {
		sentTo('order-events')
		headers {
			header('ce_type', 'order.approved.v1')
			header('ce_specversion', '1.0')
			header('ce_source', '/order-fn')
			header('ce_id', $(c('91063998-1a4c-4ee5-96f3-ec5e4a27ab14'), p(regex(uuid()))))
			header('ce_subject', $(c('2c91fd64-c8d6-4c0d-b7c8-eb2c6b71659b'), p(regex(uuid()))))
			header('ce_time', $(c('2026-11-25T10:00:00Z'), p(regex(iso8601WithOffset()))))
		}
		body(
			customerId: '02f6d064-09d4-4a96-b526-b4d4b7cf7a5f',
			total: [amount: 30000, currency: 'KRW'],
			payBy: '2100-01-01T00:00:00Z',
			approvedAt: '2026-11-25T10:00:00Z'
		)
		bodyMatchers {
			jsonPath('$.customerId', byRegex(uuid()))
			jsonPath('$.payBy', byRegex(iso8601WithOffset()))
			jsonPath('$.approvedAt', byRegex(iso8601WithOffset()))
		}
	}
}
