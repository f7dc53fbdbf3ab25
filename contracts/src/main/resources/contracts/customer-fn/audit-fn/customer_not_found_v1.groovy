import org.springframework.cloud.contract.spec.Contract

Contract.make {
	label 'customer.not-found.v1 for audit-fn'
	description '''audit-fn files every event under its ce_subject (the order id) with ce_id, ce_type, ce_source and ce_time, and
	keeps a few body fields on the saga's timeline; of customer.not-found.v1 it reads the customer id that was not
	found.'''
	input {
		triggeredBy('orderOfUnknownCustomer()')
	}
	outputMessage {
		sentTo('customer-events')
		headers {
			header('ce_type', 'customer.not-found.v1')
			header('ce_specversion', '1.0')
			header('ce_source', '/customer-fn')
			header('ce_id', $(c('c68a4d81-ca65-4a88-b80a-aaebefff4c58'), p(regex(uuid()))))
			header('ce_subject', $(c('489ca6b5-146d-42f4-982c-8ad03a2ef170'), p(regex(uuid()))))
			header('ce_time', $(c('2026-11-25T10:00:00Z'), p(regex(iso8601WithOffset()))))
		}
		body(
			customerId: 'bf2fd812-578a-4cdb-9744-20c96c3f7078'
		)
		bodyMatchers {
			jsonPath('$.customerId', byRegex(uuid()))
		}
	}
}
