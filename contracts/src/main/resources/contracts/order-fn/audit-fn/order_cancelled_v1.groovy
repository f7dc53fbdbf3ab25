import org.springframework.cloud.contract.spec.Contract

Contract.make {
	label 'order.cancelled.v1 for audit-fn'
	description '''audit-fn files every event under its ce_subject (the order id) with ce_id, ce_type, ce_source and ce_time, and
	keeps a few body fields on the saga's timeline; of order.cancelled.v1 it reads the customer id, the total, the
	reason (as text: its findings quote it, a reason added later still reads) and when the order was cancelled.'''
	input {
		triggeredBy('orderCancelledOnRequest()')
	}
	outputMessage {
		sentTo('order-events')
		headers {
			header('ce_type', 'order.cancelled.v1')
			header('ce_specversion', '1.0')
			header('ce_source', '/order-fn')
			header('ce_id', $(c('ffb66ddd-c1da-49b8-9702-221810a8b4e3'), p(regex(uuid()))))
			header('ce_subject', $(c('59bd3c7f-8e86-46c0-8d7f-febd0e2c9637'), p(regex(uuid()))))
			header('ce_time', $(c('2026-11-25T10:00:00Z'), p(regex(iso8601WithOffset()))))
		}
		body(
			customerId: 'f9349bd4-e004-4bba-9a1c-16d35e692c02',
			total: [amount: 30000, currency: 'KRW'],
			reason: 'CUSTOMER_REQUEST',
			cancelledAt: '2026-11-25T10:00:00Z'
		)
		bodyMatchers {
			jsonPath('$.customerId', byRegex(uuid()))
			jsonPath('$.reason', byRegex('CREDIT_LIMIT_EXCEEDED|UNKNOWN_CUSTOMER|PAYMENT_DECLINED|PAYMENT_EXPIRED|PAYMENT_ERROR|TIMEOUT|CUSTOMER_REQUEST'))
			jsonPath('$.cancelledAt', byRegex(iso8601WithOffset()))
		}
	}
}
