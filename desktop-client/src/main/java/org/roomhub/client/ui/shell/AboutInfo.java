package org.roomhub.client.ui.shell;

/**
 * What Help › About tells besides the hub address in the connection bar.
 *
 * @param version    the app's version
 * @param dataFolder where the app's own hub keeps its data, or a sentence saying a remote hub keeps it
 * @param hostName   the name this machine publishes its metrics as ({@code metrics/NAME})
 */
public record AboutInfo(String version, String dataFolder, String hostName) {

    /** The app's version from its jar manifest, else the build's. */
    public static String appVersion() {
        String v = AboutInfo.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0";
    }
}
