import org.springframework.cloud.contract.spec.Contract

Contract.make {
	description '''POST /customers (ARCHITECTURE §7): a new customer has all of the credit limit available.'''
	request {
		method POST()
		url '/customers'
		headers {
			contentType(applicationJson())
		}
		body(
			name: 'Customer One',
			email: 'one@example.com',
			locale: 'ko',
			creditLimit: [amount: 100000, currency: 'KRW']
		)
	}
	response {
		status CREATED()
		headers {
			contentType(applicationJson())
			header('Location', $(c('/customers/3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b'), p(regex('/customers/' + uuid().pattern()))))
		}
		body(
			customerId: '3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b',
			name: 'Customer One',
			email: 'one@example.com',
			locale: 'ko',
			creditLimit: [amount: 100000, currency: 'KRW'],
			availableCredit: [amount: 100000, currency: 'KRW']
		)
		bodyMatchers {
			jsonPath('$.customerId', byRegex(uuid()))
		}
	}
}
