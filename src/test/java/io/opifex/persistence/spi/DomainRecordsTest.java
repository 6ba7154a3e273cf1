package io.opifex.persistence.spi;

import static io.opifex.persistence.spi.QoSLevel.AT_LEAST_ONCE;
import static io.opifex.persistence.spi.QoSLevel.AT_MOST_ONCE;
import static io.opifex.persistence.spi.QoSLevel.EXACTLY_ONCE;
import static io.opifex.persistence.spi.StoreTestSupport.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opifex.persistence.spi.InflightMessage.Phase;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DomainRecordsTest {

    @Test
    void storedMessagesCompareByPayloadContent() {
        StoredMessage a = new StoredMessage(1, "t", new byte[] {1, 2}, AT_MOST_ONCE, false, 5);
        StoredMessage b = new StoredMessage(1, "t", new byte[] {1, 2}, AT_MOST_ONCE, false, 5);

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.withQos(AT_LEAST_ONCE)).isNotEqualTo(a);
        assertThat(a.withQos(AT_MOST_ONCE)).isSameAs(a);
        assertThat(a.toString()).contains("2 bytes");
    }

    @Test
    void inflightPhaseMustFitTheQos() {
        assertThat(InflightMessage.sent(1, message(1, "t", AT_LEAST_ONCE)).phase()).isEqualTo(Phase.AWAITING_PUBACK);
        assertThat(InflightMessage.sent(1, message(1, "t", EXACTLY_ONCE)).phase()).isEqualTo(Phase.AWAITING_PUBREC);
        assertThat(InflightMessage.sent(1, message(1, "t", EXACTLY_ONCE)).released().phase())
                .isEqualTo(Phase.AWAITING_PUBCOMP);

        assertThatThrownBy(() -> InflightMessage.sent(1, message(1, "t", AT_MOST_ONCE)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InflightMessage.sent(1, message(1, "t", AT_LEAST_ONCE)).released())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InflightMessage.sent(0, message(1, "t", AT_LEAST_ONCE)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InflightMessage.sent(65_536, message(1, "t", AT_LEAST_ONCE)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sessionStateIsDetachedFromTheCollectionsItWasBuiltFrom() {
        List<StoredSubscription> subscriptions = new ArrayList<>(List.of(new StoredSubscription("a", AT_MOST_ONCE)));
        Set<Integer> awaiting = new HashSet<>(Set.of(1));
        SessionState state = new SessionState("c", subscriptions, List.of(), List.of(), awaiting);

        subscriptions.clear();
        awaiting.add(2);

        assertThat(state.subscriptions()).hasSize(1);
        assertThat(state.awaitingPubrel()).containsExactly(1);
        assertThatThrownBy(() -> state.awaitingPubrel().add(3)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new SessionState("c", List.of(), List.of(), List.of(), Set.of(0)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void queueLimitNeedsRoomForOneMessage() {
        assertThatThrownBy(() -> new QueueLimit(0, QueueLimit.Overflow.DROP_OLDEST))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
