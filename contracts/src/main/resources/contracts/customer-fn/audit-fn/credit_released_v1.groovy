import org.springframework.cloud.contract.spec.Contract

Contract.make {
	label 'credit.released.v1 for audit-fn'
	description '''audit-fn checks the credit rule (available = limit - open reservations >= 0) along each saga: it reads the
	order and customer ids, the amount given back and the credit available afterwards. credit.released.v1 has no
	other consumer; the audit-fn engineer extends this folder with the fields audit-fn reads of every other
	event.'''
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
			orderId: 'e1c7a5d4-6b8f-4c2e-9a0d-5f7b9d1e3c64',
			customerId: 'f2d8b6e5-7c9a-4d3f-8b1e-6a8c0e2f4d75',
			amount: [amount: 30000, currency: 'KRW'],
			availableAfter: [amount: 100000, currency: 'KRW']
		)
		bodyMatchers {
			jsonPath('$.orderId', byRegex(uuid()))
			jsonPath('$.customerId', byRegex(uuid()))
		}
	}
}
