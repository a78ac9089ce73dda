package dev.interlock.errors;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * Why a file could not be read or written, in words: Java's {@link FileSystemException}s of a missing file or a
 * refused permission have only the file's name as their message.
 */
public final class FileReasons {

    private FileReasons() {}

    /** Why, without the file's name: "permission denied", "it does not exist", or the system's reason. */
    public static String of(FileSystemException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "it does not exist";
        }
        return e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
    }
}
