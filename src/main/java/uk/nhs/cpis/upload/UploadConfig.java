package uk.nhs.cpis.upload;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "cpis.upload")
public interface UploadConfig {
    /** Most entries in a Bundle answered synchronously; larger ones need Prefer: respond-async. */
    @WithDefault("1000")
    int maxEntries();

    /** Most entries in a Bundle accepted at all (asynchronously); larger ones get 413. */
    @WithDefault("20000")
    int maxAsyncEntries();

    /** Default and largest page size of an LA's plan list. */
    @WithDefault("50")
    int defaultPageSize();

    @WithDefault("500")
    int maxPageSize();

    /** How many of an LA's latest uploads its upload list shows. */
    @WithDefault("20")
    int listLimit();
}
