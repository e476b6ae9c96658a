package rnncourse.kernel.protocol;

import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.messages.reply.KernelInfoReply;

import java.util.List;

/**
 * basekernel 2.3.0's kernel_info_reply lacks the {@code status} field the message spec
 * requires (clients that validate replies reject it); this adds it.
 */
public final class KernelInfoWithStatus extends KernelInfoReply {
    @SuppressWarnings("unused") // serialised by Gson
    private final String status = "ok";

    /**
     * @param protocolVersion       the message protocol version spoken
     * @param implementation        the kernel's name
     * @param implementationVersion its version
     * @param languageInfo          the language it runs
     * @param banner                the text a console shows at start
     * @param helpLinks             links for the frontend's help menu
     */
    public KernelInfoWithStatus(String protocolVersion, String implementation, String implementationVersion,
                         LanguageInfo languageInfo, String banner, List<LanguageInfo.Help> helpLinks) {
        super(protocolVersion, implementation, implementationVersion, languageInfo, banner, helpLinks);
    }
}
