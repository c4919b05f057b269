package io.oneapi.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The text of a {@code .env}-style file, named for error messages.
 *
 * @param name how messages refer to the file, e.g. {@code .env}
 */
public record EnvFile(String name, String content) {

    /** The file's content, or empty when the file does not exist. */
    public static Optional<EnvFile> readIfPresent(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        return Optional.of(new EnvFile(path.toString(), Files.readString(path, StandardCharsets.UTF_8)));
    }
}
