import org.springframework.cloud.contract.spec.Contract

Contract.make {
	label 'order.completed.v1 for email-fn'
	description '''email-fn sends the ORDER_COMPLETED e-mail: it reads the order and customer ids, the total and when the order
	completed.'''
	input {
		triggeredBy('orderCompletedByPayment()')
	}
	outputMessage {
		sentTo('order-events')
		headers {
			header('ce_type', 'order.completed.v1')
			header('ce_specversion', '1.0')
			header('ce_source', '/order-fn')
			header('ce_id', $(c('ef684f66-305a-442f-8f6f-9787eba19c05'), p(regex(uuid()))))
			header('ce_subject', $(c('d14ecb08-af49-4cc3-bd04-b4c9759c72d1'), p(regex(uuid()))))
			header('ce_time', $(c('2026-11-25T10:00:00Z'), p(regex(iso8601WithOffset()))))
		}
		body(
			orderId: 'd14ecb08-af49-4cc3-bd04-b4c9759c72d1',
			customerId: 'dea54041-f07a-4ac7-a01e-8afabe6983f0',
			total: [amount: 30000, currency: 'KRW'],
			completedAt: '2026-11-25T10:00:00Z'
		)
		bodyMatchers {
			jsonPath('$.orderId', byRegex(uuid()))
			jsonPath('$.customerId', byRegex(uuid()))
			jsonPath('$.completedAt', byRegex(iso8601WithOffset()))
		}
	}
}
