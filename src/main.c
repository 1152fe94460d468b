/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "variete-application.h"
#include "variete-stall-probe.h"


int
main (int   argc,
      char *argv[])
{
  g_autoptr(VarieteApplication) app = NULL;

#ifdef __GLIBC__
  /* Decoding and scaling images makes and frees buffers of megabytes on worker threads. glibc
   * raises its mmap threshold after each such free, and the next buffers then stay in the heap
   * once freed: a fixed 1 MiB threshold gives them back to the system (bench/: 8 MB less with a
   * 200-job history and two results shown). */
  mallopt (M_MMAP_THRESHOLD, 1024 * 1024);
#endif

  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = variete_application_new ();
  variete_stall_probe_install (G_APPLICATION (app));

  return g_application_run (G_APPLICATION (app), argc, argv);
}
