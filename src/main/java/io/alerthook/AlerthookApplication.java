package io.alerthook;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class AlerthookApplication {

    public static void main(String[] args) {
        if (RoutesValidation.isRequested(args)) {
            System.exit(RoutesValidation.run(args, System.out));
        }
        SpringApplication.run(AlerthookApplication.class, args);
    }
}
