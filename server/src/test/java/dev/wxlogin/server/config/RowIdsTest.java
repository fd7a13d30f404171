package dev.wxlogin.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class RowIdsTest {

    @Test
    void idsMadeOneAfterAnotherSortInThatOrderAsTheIdColumnsCompareThem() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            ids.add(RowIds.next());
        }

        assertThat(ids).isSorted().doesNotHaveDuplicates();
        assertThat(ids).allSatisfy(id -> {
            assertThat(id).hasSize(36);
            assertThat(UUID.fromString(id).version()).isEqualTo(7);
        });
    }
}
