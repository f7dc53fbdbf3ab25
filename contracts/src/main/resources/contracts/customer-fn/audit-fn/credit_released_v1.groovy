import org.springframework.cloud.contract.spec.Contract

Contract.make {
	label 'credit.released.v1 for audit-fn'
	description '''audit-fn files every event under its ce_subject (the order id) with ce_id, ce_type, ce_source and ce_time, and
	keeps a few body fields on the saga's timeline; of credit.released.v1 it reads the customer id, the amount given
	back and the credit available afterwards; the type alone closes the credit step of a cancelled order (credit-not-
	released).'''
	input {
		triggeredBy('creditReleasedForCancelledOrder()')
	}
	outputMessage {
		sentTo('customer-events')
		headers {
			header('ce_type', 'credit.released.v1')
			header('ce_specversion', '1.0')
			header('ce_source', '/customer-fn')
			header('ce_id', $(c('a3e9c7f6-8d0b-4e4a-9c2f-7b9d1f3a5e86'), p(regex(uuid()))))
			header('ce_subject', $(c('e1c7a5d4-6b8f-4c2e-9a0d-5f7b9d1e3c64'), p(regex(uuid()))))
			header('ce_time', $(c('2026-11-25T10:00:00Z'), p(regex(iso8601WithOffset()))))
		}
		body(
			customerId: 'f2d8b6e5-7c9a-4d3f-8b1e-6a8c0e2f4d75',
			amount: [amount: 30000, currency: 'KRW'],
			availableAfter: [amount: 100000, currency: 'KRW']
		)
		bodyMatchers {
			jsonPath('$.customerId', byRegex(uuid()))
		}
	}
}
