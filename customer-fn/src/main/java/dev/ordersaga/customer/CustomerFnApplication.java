package dev.ordersaga.customer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CustomerFnApplication {

	public static void main(String[] args) {
		SpringApplication.run(CustomerFnApplication.class, args);
	}

}
