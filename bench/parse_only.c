/*
 * The floor the pipeline is measured against: libxml2's HTML parser alone, with
 * the options Slant uses, over the files named on the command line (read, parse,
 * free; no extraction). Prints the wall-clock seconds of the parse loop.
 */
#include <libxml/HTMLparser.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv) {
    xmlInitParser();
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (int i = 1; i < argc; i++) {
        FILE *file = fopen(argv[i], "rb");
        if (!file) { perror(argv[i]); return 1; }
        fseek(file, 0, SEEK_END);
        long size = ftell(file);
        fseek(file, 0, SEEK_SET);
        char *buffer = malloc(size > 0 ? size : 1);
        if (!buffer || fread(buffer, 1, size, file) != (size_t)size) { fclose(file); return 1; }
        fclose(file);
        htmlDocPtr document = htmlReadMemory(buffer, (int)size, NULL, "UTF-8",
            HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
            HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC | HTML_PARSE_NODEFDTD);
        if (document) xmlFreeDoc(document);
        free(buffer);
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    printf("%.6f\n", (end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9);
    return 0;
}
