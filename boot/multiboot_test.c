/* boot/multiboot_test.c: the kernel's copy of the Multiboot information is sane. */
#include <kspace/init.h>
#include <kspace/multiboot.h>
#include <kspace/selftest.h>
#include <kspace/string.h>

SELFTEST(multiboot_copied)
{
	EXPECT(boot_info.error == NULL);
	EXPECT(boot_info.nr_mmap > 0);
	/* Whatever the loader passed, the parameters no longer start with the path. */
	EXPECT(!boot_info.image_path[0] ||
	       strncmp(boot_command_line, boot_info.image_path, strlen(boot_info.image_path)));
	for (int i = 0; i < boot_info.nr_mmap; i++)
		EXPECT(boot_info.mmap[i].type != 0);
	return 0;
}
