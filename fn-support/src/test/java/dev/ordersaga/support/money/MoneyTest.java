package dev.ordersaga.support.money;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoneyTest {

	@Test
	void serialisesAsAmountAndCurrencyOnly() {
		JsonMapper json = JsonMapper.builder().build();

		String text = json.writeValueAsString(Money.of(30_000, "KRW"));

		assertThat(text).isEqualTo("{\"amount\":30000,\"currency\":\"KRW\"}");
		assertThat(json.readValue(text, Money.class)).isEqualTo(Money.of(30_000, "KRW"));
	}

	@Test
	void rejectsUnknownCurrencies() {
		assertThatIllegalArgumentException().isThrownBy(() -> Money.of(1, "XXY"));
		assertThatIllegalArgumentException().isThrownBy(() -> Money.of(1, "eur"));
	}

	@Test
	void addsAndMultipliesExactlyInOneCurrency() {
		assertThat(Money.of(15_000, "KRW").times(2).plus(Money.of(2_000, "KRW"))).isEqualTo(Money.of(32_000, "KRW"));
		assertThatIllegalArgumentException().isThrownBy(() -> Money.of(1, "KRW").plus(Money.of(1, "EUR")));
		assertThatThrownBy(() -> Money.of(Long.MAX_VALUE, "EUR").times(2)).isInstanceOf(ArithmeticException.class);
	}

}
