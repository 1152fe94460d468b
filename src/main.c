/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "variete-application.h"
#include "variete-stall-probe.h"

#define FLATPAK_PIXBUF_LOADERS_CACHE "/app/lib/gdk-pixbuf-2.0/2.10.0/loaders.cache"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(VarieteApplication) app = NULL;

  /* Inside the Flatpak, the WebP loader the API's results need is one of ours: make GdkPixbuf read
   * the loader cache that lists it with the runtime's own loaders (flatpak/, webp-pixbuf-loader). */
  if (g_getenv ("GDK_PIXBUF_MODULE_FILE") == NULL &&
      g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS) &&
      g_file_test (FLATPAK_PIXBUF_LOADERS_CACHE, G_FILE_TEST_EXISTS))
    g_setenv ("GDK_PIXBUF_MODULE_FILE", FLATPAK_PIXBUF_LOADERS_CACHE, TRUE);

  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = variete_application_new ();
  variete_stall_probe_install (G_APPLICATION (app));

  return g_application_run (G_APPLICATION (app), argc, argv);
}
