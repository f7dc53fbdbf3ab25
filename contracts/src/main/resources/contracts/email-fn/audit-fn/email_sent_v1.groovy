import org.springframework.cloud.contract.spec.Contract

Contract.make {
	label 'email.sent.v1 for audit-fn'
	description '''audit-fn files every event under its ce_subject (the order id) with ce_id, ce_type, ce_source and ce_time, and
	keeps a few body fields on the saga's timeline; of email.sent.v1 it reads the kind (at most one e-mail of each kind
	per order, ORDER_COMPLETED only for completed orders), the Message-ID and when the e-mail was sent.'''
	input {
		triggeredBy('orderCompletedEmailSent()')
	}
	outputMessage {
		sentTo('email-events')
		headers {
			header('ce_type', 'email.sent.v1')
			header('ce_specversion', '1.0')
			header('ce_source', '/email-fn')
			header('ce_id', $(c('c5a1e9b8-0f2d-4a6c-9e4b-9d1f3b5c7a08'), p(regex(uuid()))))
			header('ce_subject', $(c('b4f0d8a7-9e1c-4f5b-8d3a-8c0e2a4b6f97'), p(regex(uuid()))))
			header('ce_time', $(c('2026-11-25T10:00:00Z'), p(regex(iso8601WithOffset()))))
		}
		body(
			kind: 'ORDER_COMPLETED',
			messageId: '<b4f0d8a7-9e1c-4f5b-8d3a-8c0e2a4b6f97.order-completed@order-saga>',
			sentAt: '2026-11-25T10:00:00Z'
		)
		bodyMatchers {
			jsonPath('$.kind', byRegex('PAYMENT_COMPLETED|ORDER_COMPLETED|ORDER_CANCELLED|PAYMENT_REFUNDED'))
			jsonPath('$.messageId', byRegex('<[^<>@\\s]+@[^<>@\\s]+>'))
			jsonPath('$.sentAt', byRegex(iso8601WithOffset()))
		}
	}
}
