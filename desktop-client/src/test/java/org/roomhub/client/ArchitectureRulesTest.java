package org.roomhub.client;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.roomhub.client.net.TransportKind;

/** The MVVM rules of STYLE.md, checked on the compiled classes. */
class ArchitectureRulesTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.roomhub.client");

    @Test
    void views_never_talk_to_the_network_only_view_models_do() {
        noClasses().that().resideInAPackage("org.roomhub.client.ui..")
                .and().haveSimpleNameNotEndingWith("ViewModel")
                .and().areNotNestedClasses()
                .and().areNotInterfaces() // the seam a view-model implements (attach to a hub client) is not a view
                // The bar offers the transport kinds: a plain value, not a way to reach the network.
                .should().dependOnClassesThat(resideInAPackage("org.roomhub.client.net..").and(not(belongToAnyOf(TransportKind.class))))
                .check(classes);
    }

    @Test
    void view_models_never_reference_a_concrete_transport_only_the_net_layer_picks_one() {
        noClasses().that().resideOutsideOfPackage("org.roomhub.client.net..")
                .should().dependOnClassesThat(assignableTo("org.roomhub.client.net.RoomTransport")
                        .or(simpleName("TransportFactory")).or(simpleName("NetResources")))
                .check(classes);
    }

    @Test
    void view_models_never_touch_scene_graph_classes() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAPackage("javafx.scene..")
                .check(classes);
    }

    @Test
    void only_the_map_package_uses_the_web_view() {
        noClasses().that().resideOutsideOfPackage("org.roomhub.client.ui.map..")
                .should().dependOnClassesThat().resideInAPackage("javafx.scene.web..")
                .check(classes);
    }

    @Test
    void the_network_layer_knows_nothing_of_javafx() {
        noClasses().that().resideInAPackage("org.roomhub.client.net..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .check(classes);
    }
}
