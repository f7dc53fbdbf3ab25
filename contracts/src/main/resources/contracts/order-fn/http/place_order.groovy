import org.springframework.cloud.contract.spec.Contract

Contract.make {
	description '''POST /orders (ARCHITECTURE §7): a new order is PENDING until the customer's credit is checked; the
	answer carries its id, total, lines, status history and the saga deadline (payBy).'''
	request {
		method POST()
		url '/orders'
		headers {
			contentType(applicationJson())
		}
		body(
			customerId: '0c4c2b8e-2f7e-4d3b-9a61-3f0e7d9b5a12',
			paymentMethod: 'tok_visa',
			lines: [[sku: 'BOOK-1', quantity: 2, unitPrice: [amount: 15000, currency: 'KRW']]]
		)
	}
	response {
		status CREATED()
		headers {
			contentType(applicationJson())
			header('Location', $(c('/orders/6f1d2c3b-4a5e-4f60-8b7c-9d0e1f2a3b4c'), p(regex('/orders/' + uuid().pattern()))))
		}
		body(
			orderId: '6f1d2c3b-4a5e-4f60-8b7c-9d0e1f2a3b4c',
			customerId: '0c4c2b8e-2f7e-4d3b-9a61-3f0e7d9b5a12',
			status: 'PENDING',
			paymentMethod: 'tok_visa',
			total: [amount: 30000, currency: 'KRW'],
			lines: [[sku: 'BOOK-1', quantity: 2, unitPrice: [amount: 15000, currency: 'KRW'],
					total: [amount: 30000, currency: 'KRW']]],
			createdAt: '2026-11-25T10:00:00Z',
			payBy: '2026-11-25T10:15:00Z',
			history: [[status: 'PENDING', at: '2026-11-25T10:00:00Z']]
		)
		bodyMatchers {
			jsonPath('$.orderId', byRegex(uuid()))
			jsonPath('$.createdAt', byRegex(iso8601WithOffset()))
			jsonPath('$.payBy', byRegex(iso8601WithOffset()))
			jsonPath('$.history[0].at', byRegex(iso8601WithOffset()))
		}
	}
}
