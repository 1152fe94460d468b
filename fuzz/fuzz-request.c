/* fuzz-request.c
 *
 * libFuzzer target: a request read back from JSON (a job's journal holds one, and "restore" puts
 * it back into the form): variete_request_new_from_json() → to_json() → new_from_json() →
 * to_json() → new_from_json() → to_json(). Whatever the first read accepts, its serialisation
 * must read back, and from there on the round trip must be stable: the second and third
 * serialisations are equal JSON, and the requests read from them are equal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "variete-request.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init_logging ();
  return 0;
}

static char *
to_string (JsonNode *node)
{
  return json_to_string (node, FALSE);
}

/* Reads @text back; it came from to_json(), so it must be accepted. */
static VarieteRequest *
read_back (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  VarieteRequest *request;

  if (!json_parser_load_from_data (parser, text, -1, &error))
    g_error ("to_json() wrote JSON that does not parse: %s\n%s", error->message, text);

  request = variete_request_new_from_json (json_parser_get_root (parser), &error);
  if (request == NULL)
    g_error ("to_json() wrote a request that new_from_json() refuses: %s\n%s",
             error->message, text);

  return request;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(VarieteRequest) first = NULL;
  g_autoptr(VarieteRequest) second = NULL;
  g_autoptr(VarieteRequest) third = NULL;
  g_autoptr(JsonNode) node1 = NULL;
  g_autoptr(JsonNode) node2 = NULL;
  g_autoptr(JsonNode) node3 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text1 = NULL;
  g_autofree char *text2 = NULL;
  g_autofree char *text3 = NULL;
  JsonNode *root;

  if (size > G_MAXSSIZE ||
      !json_parser_load_from_data (parser, (const char *) data, (gssize) size, NULL))
    return 0;

  root = json_parser_get_root (parser);
  if (root == NULL)
    return 0;

  first = variete_request_new_from_json (root, &error);
  if (first == NULL)
    {
      g_assert_nonnull (error);
      fuzz_assert_utf8_message (error->message);
      return 0;
    }
  g_assert_no_error (error);

  /* What the form and the journal do with a request must not trip over it either. */
  g_free (variete_request_dup_warnings (first));
  {
    g_autoptr(GError) invalid = NULL;

    if (!variete_request_validate (first, &invalid))
      fuzz_assert_utf8_message (invalid->message);
  }
  {
    g_autoptr(VarieteRequest) copy = variete_request_copy (first);

    g_assert_true (variete_request_equal (first, copy));
  }

  node1 = variete_request_to_json (first);
  text1 = to_string (node1);
  if (!g_utf8_validate (text1, -1, NULL))
    {
      /* A string that is not UTF-8 got in (json-glib's octal escapes), see fuzz-common.h. */
      fuzz_assert_utf8_string ("to_json() of the request", text1);
      return 0;
    }
  second = read_back (text1);

  node2 = variete_request_to_json (second);
  text2 = to_string (node2);
  third = read_back (text2);

  node3 = variete_request_to_json (third);
  text3 = to_string (node3);

  if (!json_node_equal (node2, node3))
    g_error ("The round trip is not stable:\n2nd: %s\n3rd: %s", text2, text3);
  g_assert_true (variete_request_equal (second, third));

  return 0;
}
