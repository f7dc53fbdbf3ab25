import org.springframework.cloud.contract.spec.Contract

Contract.make {
	label 'payment.failed.v1 for audit-fn'
	description '''audit-fn files every event under its ce_subject (the order id) with ce_id, ce_type, ce_source and ce_time, and
	keeps a few body fields on the saga's timeline; of payment.failed.v1 it reads the reason and when the payment
	failed (the provider's detail is shown when present, not relied on).'''
	input {
		triggeredBy('paymentDeclined()')
	}
	outputMessage {
		sentTo('payment-events')
		headers {
			header('ce_type', 'payment.failed.v1')
			header('ce_specversion', '1.0')
			header('ce_source', '/payment-fn')
			header('ce_id', $(c('02f6d064-19d4-4a96-b526-b4d4b7cf7a60'), p(regex(uuid()))))
			header('ce_subject', $(c('f4ae334a-ae10-4df6-a078-6a1bbc80b850'), p(regex(uuid()))))
			header('ce_time', $(c('2026-11-25T10:00:00Z'), p(regex(iso8601WithOffset()))))
		}
		body(
			reason: 'DECLINED',
			failedAt: '2026-11-25T10:00:00Z'
		)
		bodyMatchers {
			jsonPath('$.reason', byRegex('DECLINED|EXPIRED|ERROR'))
			jsonPath('$.failedAt', byRegex(iso8601WithOffset()))
		}
	}
}
