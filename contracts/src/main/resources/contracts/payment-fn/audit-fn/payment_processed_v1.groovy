import org.springframework.cloud.contract.spec.Contract

Contract.make {
	label 'payment.processed.v1 for audit-fn'
	description '''audit-fn files every event under its ce_subject (the order id) with ce_id, ce_type, ce_source and ce_time, and
	keeps a few body fields on the saga's timeline; of payment.processed.v1 it reads the payment id, the amount charged
	and when; the type alone counts the charges of an order (at most one, never after payBy, refunded if the order was
	cancelled).'''
	input {
		triggeredBy('paymentProcessed()')
	}
	outputMessage {
		sentTo('payment-events')
		headers {
			header('ce_type', 'payment.processed.v1')
			header('ce_specversion', '1.0')
			header('ce_source', '/payment-fn')
			header('ce_id', $(c('878bb925-f84a-4abd-851f-1fdf382b3950'), p(regex(uuid()))))
			header('ce_subject', $(c('91063998-2a4c-4ee5-96f3-ec5e4a27ab15'), p(regex(uuid()))))
			header('ce_time', $(c('2026-11-25T10:00:00Z'), p(regex(iso8601WithOffset()))))
		}
		body(
			paymentId: '2c91fd64-d8d6-4c0d-b7c8-eb2c6b71659c',
			amount: [amount: 30000, currency: 'KRW'],
			processedAt: '2026-11-25T10:00:00Z'
		)
		bodyMatchers {
			jsonPath('$.paymentId', byRegex('[A-Za-z0-9_.:-]+'))
			jsonPath('$.processedAt', byRegex(iso8601WithOffset()))
		}
	}
}
