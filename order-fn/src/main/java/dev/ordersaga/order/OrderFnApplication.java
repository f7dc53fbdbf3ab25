package dev.ordersaga.order;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class OrderFnApplication {

	public static void main(String[] args) {
		SpringApplication.run(OrderFnApplication.class, args);
	}
}
