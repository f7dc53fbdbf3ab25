import org.springframework.cloud.contract.spec.Contract

Contract.make {
	label 'order.approved.v1 for email-fn'
	description '''email-fn learns which customer an order belongs to, also when it missed order.created.v1: it reads the order
	and customer ids only.'''
	input {
		triggeredBy('orderApprovedOnReservedCredit()')
	}
	outputMessage {
		sentTo('order-events')
		headers {
			header('ce_type', 'order.approved.v1')
			header('ce_specversion', '1.0')
			header('ce_source', '/order-fn')
			header('ce_id', $(c('83c94a24-6e39-4ac1-8129-e4539e8bf40f'), p(regex(uuid()))))
			header('ce_subject', $(c('8bc2331d-9cf4-494a-88a8-0fa73b9348a7'), p(regex(uuid()))))
			header('ce_time', $(c('2026-11-25T10:00:00Z'), p(regex(iso8601WithOffset()))))
		}
		body(
			orderId: '8bc2331d-9cf4-494a-88a8-0fa73b9348a7',
			customerId: 'e5186da1-f73b-45c0-ba93-73b0a86ef1d0'
		)
		bodyMatchers {
			jsonPath('$.orderId', byRegex(uuid()))
			jsonPath('$.customerId', byRegex(uuid()))
		}
	}
}
