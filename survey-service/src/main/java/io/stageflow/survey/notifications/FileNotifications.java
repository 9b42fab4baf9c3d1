package io.stageflow.survey.notifications;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends every notification as one JSON line to a file, standing in for mail in the local stack: people
 * trying Stageflow open their invitation links from there. Never used when SMTP is configured.
 */
public class FileNotifications implements Notifications {

    private final Path file;
    private final JsonMapper json = JsonMapper.builder().build();

    public FileNotifications(Path file) {
        this.file = file;
    }

    @Override
    public synchronized void send(Notification notification) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(
                    file,
                    json.writeValueAsString(notification) + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the notification to " + file, e);
        }
    }

    public Path file() {
        return file;
    }
}
