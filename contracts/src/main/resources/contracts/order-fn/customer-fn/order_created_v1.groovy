import org.springframework.cloud.contract.spec.Contract

Contract.make {
	label 'order.created.v1 for customer-fn'
	description '''customer-fn reserves the order's total against the customer's credit limit: it reads the order and customer
	ids, the total in minor units and its currency, and the time the order was placed (the time of a
	CustomerNotFound answer).'''
	input {
		triggeredBy('orderPlaced()')
	}
	outputMessage {
		sentTo('order-events')
		headers {
			header('ce_type', 'order.created.v1')
			header('ce_specversion', '1.0')
			header('ce_source', '/order-fn')
			header('ce_id', $(c('4813b6b3-147a-44b9-bf5c-50cd4af2c43d'), p(regex(uuid()))))
			header('ce_subject', $(c('fcc72c5f-1171-47f4-af23-c382dafda263'), p(regex(uuid()))))
			header('ce_time', $(c('2026-11-25T10:00:00Z'), p(regex(iso8601WithOffset()))))
		}
		body(
			orderId: 'fcc72c5f-1171-47f4-af23-c382dafda263',
			customerId: '9c690225-152b-4f76-838c-3fc764a8f68e',
			total: [amount: 30000, currency: 'KRW'],
			createdAt: '2026-11-25T10:00:00Z'
		)
		bodyMatchers {
			jsonPath('$.orderId', byRegex(uuid()))
			jsonPath('$.customerId', byRegex(uuid()))
			jsonPath('$.createdAt', byRegex(iso8601WithOffset()))
		}
	}
}
