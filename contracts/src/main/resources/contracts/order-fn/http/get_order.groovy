import org.springframework.cloud.contract.spec.Contract

Contract.make {
	description '''GET /orders/{orderId} (ARCHITECTURE §7): the order with its status and status history; cancelReason
	appears only once the order is cancelled.'''
	request {
		method GET()
		url '/orders/2b7e1f4a-8c3d-4e5f-9a0b-1c2d3e4f5a6b'
	}
	response {
		status OK()
		headers {
			contentType(applicationJson())
		}
		body(
			orderId: '2b7e1f4a-8c3d-4e5f-9a0b-1c2d3e4f5a6b',
			customerId: '7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a',
			status: 'PENDING',
			total: [amount: 30000, currency: 'KRW'],
			history: [[status: 'PENDING', at: '2026-11-25T10:00:00Z']]
		)
		bodyMatchers {
			jsonPath('$.status', byRegex('PENDING|APPROVED|COMPLETED|CANCELLED'))
			jsonPath('$.history[0].at', byRegex(iso8601WithOffset()))
		}
	}
}
