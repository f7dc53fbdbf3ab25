import org.springframework.cloud.contract.spec.Contract

Contract.make {
	label 'order.created.v1 for audit-fn'
	description '''audit-fn files every event under its ce_subject (the order id) with ce_id, ce_type, ce_source and ce_time, and
	keeps a few body fields on the saga's timeline; of order.created.v1 it reads the customer id, the total and when
	the order was placed: placement starts the saga's clock (deadline = createdAt + saga.audit.deadline until
	order.approved.v1 tells payBy).'''
	input {
		triggeredBy('orderPlaced()')
	}
	outputMessage {
		sentTo('order-events')
		headers {
			header('ce_type', 'order.created.v1')
			header('ce_specversion', '1.0')
			header('ce_source', '/order-fn')
			header('ce_id', $(c('489ca6b5-046d-42f4-982c-8ad03a2ef169'), p(regex(uuid()))))
			header('ce_subject', $(c('bf2fd812-478a-4cdb-9744-20c96c3f7077'), p(regex(uuid()))))
			header('ce_time', $(c('2026-11-25T10:00:00Z'), p(regex(iso8601WithOffset()))))
		}
		body(
			customerId: '878bb925-e84a-4abd-851f-1fdf382b394f',
			total: [amount: 30000, currency: 'KRW'],
			createdAt: '2026-11-25T10:00:00Z'
		)
		bodyMatchers {
			jsonPath('$.customerId', byRegex(uuid()))
			jsonPath('$.createdAt', byRegex(iso8601WithOffset()))
		}
	}
}
