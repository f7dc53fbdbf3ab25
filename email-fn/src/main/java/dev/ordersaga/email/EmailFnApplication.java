package dev.ordersaga.email;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class EmailFnApplication {

	public static void main(String[] args) {
		SpringApplication.run(EmailFnApplication.class, args);
	}

}
