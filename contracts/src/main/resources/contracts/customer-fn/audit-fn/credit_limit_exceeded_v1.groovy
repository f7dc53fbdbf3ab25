import org.springframework.cloud.contract.spec.Contract

Contract.make {
	label 'credit.limit-exceeded.v1 for audit-fn'
	description '''audit-fn files every event under its ce_subject (the order id) with ce_id, ce_type, ce_source and ce_time, and
	keeps a few body fields on the saga's timeline; of credit.limit-exceeded.v1 it reads the customer id, the amount
	requested and the credit that was available.'''
	input {
		triggeredBy('creditRefusedForOrder()')
	}
	outputMessage {
		sentTo('customer-events')
		headers {
			header('ce_type', 'credit.limit-exceeded.v1')
			header('ce_specversion', '1.0')
			header('ce_source', '/customer-fn')
			header('ce_id', $(c('9764f573-c55b-4178-90bd-4719e2605370'), p(regex(uuid()))))
			header('ce_subject', $(c('c57dc5ad-29a7-423c-93ea-e40d2e7eef62'), p(regex(uuid()))))
			header('ce_time', $(c('2026-11-25T10:00:00Z'), p(regex(iso8601WithOffset()))))
		}
		body(
			customerId: '2d9254bf-b865-495e-a3fb-4294e7081a66',
			requested: [amount: 30000, currency: 'KRW'],
			available: [amount: 10000, currency: 'KRW']
		)
		bodyMatchers {
			jsonPath('$.customerId', byRegex(uuid()))
		}
	}
}
