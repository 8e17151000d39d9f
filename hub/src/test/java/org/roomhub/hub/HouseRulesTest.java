package org.roomhub.hub;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The shape of the house (docs/architecture.md), checked on the compiled classes: the host owns the
 * seam and knows nothing of the edge; built-in rooms use only the room API; storage stands alone.
 */
class HouseRulesTest {

    /** The host: rooms, their runtime, the seam it owns, alarms and storage. */
    private static final String[] HOST = {
        "org.roomhub.hub.runtime..", "org.roomhub.hub.alarm..", "org.roomhub.hub.storage..", "org.roomhub.hub.room.."};
    /** The edge: connections and what decides about them; plus the hub's wiring and its listeners. */
    private static final String[] EDGE = {
        "org.roomhub.hub.transport..", "org.roomhub.hub.http..", "org.roomhub.hub.auth..", "org.roomhub.hub.limit..",
        "org.roomhub.hub.tls..", "org.roomhub.hub.observe..", "org.roomhub.hub"};

    /** Imported once for all rules: the hub's own compiled classes, not its libraries. */
    private static final JavaClasses hub = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("org.roomhub.hub");

    @Test
    void the_host_imports_no_class_of_the_edge() {
        noClasses().that().resideInAnyPackage(HOST)
                .should().dependOnClassesThat().resideInAnyPackage(EDGE)
                .check(hub);
    }

    @Test
    void the_seam_carries_only_values_of_its_own_package_the_protocol_and_the_jdk() {
        classes().that().resideInAPackage("org.roomhub.hub.runtime.seam..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "org.roomhub.hub.runtime.seam..", "org.roomhub.protocol..", "java..")
                .check(hub);
    }

    @Test
    void built_in_rooms_use_only_the_room_api_and_the_protocol() {
        noClasses().that().resideInAPackage("org.roomhub.hub.rooms..")
                .should().dependOnClassesThat(resideInAPackage("org.roomhub.hub..")
                        .and(resideOutsideOfPackage("org.roomhub.hub.room.."))
                        .and(resideOutsideOfPackage("org.roomhub.hub.rooms..")))
                .check(hub);
    }

    @Test
    void storage_imports_nothing_else_of_the_hub() {
        noClasses().that().resideInAPackage("org.roomhub.hub.storage..")
                .should().dependOnClassesThat(resideInAPackage("org.roomhub.hub..")
                        .and(resideOutsideOfPackage("org.roomhub.hub.storage..")))
                .check(hub);
    }

    @Test
    void alarms_know_nothing_of_rooms_sessions_or_storage() {
        noClasses().that().resideInAPackage("org.roomhub.hub.alarm..")
                .should().dependOnClassesThat(resideInAPackage("org.roomhub.hub..")
                        .and(resideOutsideOfPackage("org.roomhub.hub.alarm..")))
                .check(hub);
    }

    @Test
    void session_transports_reach_the_rooms_only_through_the_seam_and_the_room_catalogue() {
        // The admin observer stream is the one exception: it reads every room's figures for its hello.
        noClasses().that().resideInAPackage("org.roomhub.hub.transport..").and().doNotHaveSimpleName("ObserverTransport")
                .should().dependOnClassesThat(resideInAnyPackage("org.roomhub.hub.runtime..")
                        .and(resideOutsideOfPackage("org.roomhub.hub.runtime.seam.."))
                        .and(com.tngtech.archunit.base.DescribedPredicate.not(
                                com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo(org.roomhub.hub.runtime.RoomTypes.class))))
                .check(hub);
    }

    @Test
    void cluster_routing_reaches_rooms_and_connections_only_through_the_seam() {
        // Forwarding puts a network inside the seam: it may know the seam, the protocol and the
        // membership, never the runtime's or the transports' classes.
        classes().that().resideInAPackage("org.roomhub.hub.cluster.route..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "org.roomhub.hub.cluster.route..", "org.roomhub.hub.runtime.seam..", "org.roomhub.hub.cluster",
                        "org.roomhub.protocol..", "java..", "org.slf4j..")
                .check(hub);
    }

    @Test
    void the_host_imports_nothing_of_the_cluster() {
        noClasses().that().resideInAnyPackage(HOST)
                .should().dependOnClassesThat().resideInAnyPackage("org.roomhub.hub.cluster..")
                .check(hub);
    }
}
