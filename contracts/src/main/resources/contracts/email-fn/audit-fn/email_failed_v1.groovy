import org.springframework.cloud.contract.spec.Contract

Contract.make {
	label 'email.failed.v1 for audit-fn'
	description '''audit-fn files every event under its ce_subject (the order id) with ce_id, ce_type, ce_source and ce_time, and
	keeps a few body fields on the saga's timeline; of email.failed.v1 it reads the kind, the reason and how many SMTP
	attempts were made, to tell an e-mail given up from one still due.'''
	input {
		triggeredBy('orderCancelledEmailGivenUp()')
	}
	outputMessage {
		sentTo('email-events')
		headers {
			header('ce_type', 'email.failed.v1')
			header('ce_specversion', '1.0')
			header('ce_source', '/email-fn')
			header('ce_id', $(c('e7c3a1d0-2b4f-4c8e-9a6d-1f3b5d7e9c20'), p(regex(uuid()))))
			header('ce_subject', $(c('d6b2f0c9-1a3e-4b7d-8f5c-0e2a4c6d8b19'), p(regex(uuid()))))
			header('ce_time', $(c('2026-11-25T10:00:00Z'), p(regex(iso8601WithOffset()))))
		}
		body(
			kind: 'ORDER_CANCELLED',
			reason: 'NO_CONTACT',
			attempts: 0
		)
		bodyMatchers {
			jsonPath('$.kind', byRegex('PAYMENT_COMPLETED|ORDER_COMPLETED|ORDER_CANCELLED|PAYMENT_REFUNDED'))
		}
	}
}
