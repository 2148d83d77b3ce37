package cn.zoufang.enterprisefile;

import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import cn.zoufang.enterprisefile.EnterpriseFileDtos.EnterpriseFile;
import cn.zoufang.identity.CurrentCaller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** 一企一档: an enterprise's file. Under the enterprise's address, in a class of its own (the longest path wins). */
@Path("/api/v1/enterprises/{id}/file")
@Produces(MediaType.APPLICATION_JSON)
public class EnterpriseFileResource {

    private final EnterpriseFileService files;
    private final CurrentCaller caller;

    public EnterpriseFileResource(EnterpriseFileService files, CurrentCaller caller) {
        this.files = files;
        this.caller = caller;
    }

    @GET
    @Authenticated
    public Uni<EnterpriseFile> file(@PathParam("id") UUID enterpriseId) {
        return files.file(caller.get(), enterpriseId);
    }
}
