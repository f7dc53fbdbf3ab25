import org.springframework.cloud.contract.spec.Contract

Contract.make {
	label 'order.created.v1 for email-fn'
	description '''email-fn learns which customer an order belongs to (payment events may not name the customer): it reads the
	order and customer ids only.'''
	input {
		triggeredBy('orderPlaced()')
	}
	outputMessage {
		sentTo('order-events')
		headers {
			header('ce_type', 'order.created.v1')
			header('ce_specversion', '1.0')
			header('ce_source', '/order-fn')
			header('ce_id', $(c('1c33dedb-e33b-42b2-9c68-272c558f6ff1'), p(regex(uuid()))))
			header('ce_subject', $(c('4d1640f6-8293-4152-b5ec-74c12215ac12'), p(regex(uuid()))))
			header('ce_time', $(c('2026-11-25T10:00:00Z'), p(regex(iso8601WithOffset()))))
		}
		body(
			orderId: '4d1640f6-8293-4152-b5ec-74c12215ac12',
			customerId: '05b46378-674f-4c7a-aa48-5b96c1ccccae'
		)
		bodyMatchers {
			jsonPath('$.orderId', byRegex(uuid()))
			jsonPath('$.customerId', byRegex(uuid()))
		}
	}
}
