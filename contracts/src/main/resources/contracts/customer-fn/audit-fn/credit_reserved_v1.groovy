import org.springframework.cloud.contract.spec.Contract

Contract.make {
	label 'credit.reserved.v1 for audit-fn'
	description '''audit-fn files every event under its ce_subject (the order id) with ce_id, ce_type, ce_source and ce_time, and
	keeps a few body fields on the saga's timeline; of credit.reserved.v1 it reads the customer id, the amount held for
	the order and the credit available afterwards; the type alone is the saga's credit step (completed-without-credit,
	credit-not-released).'''
	input {
		triggeredBy('creditReservedForOrder()')
	}
	outputMessage {
		sentTo('customer-events')
		headers {
			header('ce_type', 'credit.reserved.v1')
			header('ce_specversion', '1.0')
			header('ce_source', '/customer-fn')
			header('ce_id', $(c('44049926-8e73-43af-8773-e4fb4ae929c0'), p(regex(uuid()))))
			header('ce_subject', $(c('2d8ae691-6ded-4ff1-8cb6-3b9256fe74be'), p(regex(uuid()))))
			header('ce_time', $(c('2026-11-25T10:00:00Z'), p(regex(iso8601WithOffset()))))
		}
		body(
			customerId: 'cad65041-9c57-4cac-974f-b01d20896483',
			amount: [amount: 30000, currency: 'KRW'],
			availableAfter: [amount: 70000, currency: 'KRW']
		)
		bodyMatchers {
			jsonPath('$.customerId', byRegex(uuid()))
		}
	}
}
